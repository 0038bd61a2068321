import { DatabaseOutlined, FileAddOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Form, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { SAMPLE_LEDGER } from '../../../shared/domain/sample-ledger.ts';
import type { AppInfo } from '../../../shared/schemas/app.ts';
import { call } from '../lib/api.ts';
import { applyApiError } from '../lib/form-errors.ts';
import { YearInput, yearRule } from '../components/YearInput.tsx';

interface Values {
  townName: string;
  fiscalYear: number;
  adminName: string;
  adminPassword: string;
  confirm: string;
}

/**
 * First run (the ledger has no 管理员 yet): how to start (an empty ledger or the 蒲州镇 2017 sample, only
 * while the ledger is empty), the town and its working year, and the 管理员 with a password, who is then
 * signed in. The 管理员 adds the other operators in 设置.
 */
export function Onboarding({ info, onDone }: { info: AppInfo; onDone: (info: AppInfo) => void }) {
  const { message } = AntApp.useApp();
  const [mode, setMode] = useState<'empty' | 'demo'>('empty');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const next = await call('app:onboard', {
        mode: info.needsOnboarding ? mode : 'empty',
        townName: v.townName,
        fiscalYear: v.fiscalYear,
        adminName: v.adminName,
        adminPassword: v.adminPassword,
      });
      message.success(
        info.needsOnboarding && mode === 'demo' ? '已载入示例数据：蒲州镇2017年小城镇建设项目' : '已创建空白台账',
      );
      onDone(next);
    } catch (e) {
      message.error(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  // The sample is 蒲州镇's 2017: its town and year fill the form, else today's year would be written over 2017.
  const blank = { townName: info.townName ?? '', fiscalYear: new Date().getFullYear() };
  const sample = { townName: SAMPLE_LEDGER.townName, fiscalYear: SAMPLE_LEDGER.fiscalYear };
  const choose = (value: 'empty' | 'demo') => {
    setMode(value);
    const [from, to] = value === 'demo' ? [blank, sample] : [sample, blank];
    const now = form.getFieldsValue(['townName', 'fiscalYear']) as Partial<Values>;
    // Only what still shows the other choice's defaults is replaced: a name the clerk typed stays.
    if (!now.townName || now.townName === from.townName) form.setFieldValue('townName', to.townName);
    if (!now.fiscalYear || now.fiscalYear === from.fiscalYear) form.setFieldValue('fiscalYear', to.fiscalYear);
  };
  const choice = (value: 'empty' | 'demo', title: string, text: string, icon: React.ReactNode) => (
    <Col span={12}>
      <Card
        hoverable
        size="small"
        aria-label={title}
        role="radio"
        aria-checked={mode === value}
        onClick={() => choose(value)}
        style={{
          borderColor: mode === value ? '#b71c1c' : undefined,
          borderWidth: mode === value ? 2 : 1,
          height: '100%',
        }}
      >
        {icon}
        <Typography.Title level={5} style={{ marginTop: 4 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{text}</Typography.Text>
      </Card>
    </Col>
  );
  return (
    <Modal
      open
      title="欢迎使用乡镇建设项目台账"
      closable={false}
      width={640}
      maskClosable={false}
      footer={
        <Button type="primary" loading={busy} onClick={submit}>
          开始使用
        </Button>
      }
    >
      <Typography.Paragraph>
        首次使用，请填写本镇名称和年度，并设置管理员。管理员负责在“设置”中添加其他操作员（录入员、审核人、领导）；每个人都用自己的密码登录。
      </Typography.Paragraph>
      {info.needsOnboarding && (
        <Row gutter={16} role="radiogroup" aria-label="如何开始" style={{ marginBottom: 16 }}>
          {choice(
            'empty',
            '空白台账',
            '从零开始录入本镇项目，或稍后从 Excel 导入。',
            <FileAddOutlined style={{ fontSize: 24, color: '#b71c1c' }} />,
          )}
          {choice(
            'demo',
            '载入示例数据',
            `${SAMPLE_LEDGER.townName}${SAMPLE_LEDGER.fiscalYear}年小城镇建设：${SAMPLE_LEDGER.projects}个项目（另有子项目${SAMPLE_LEDGER.subProjects}个）、领导组、资金构成和1-9月月报，便于熟悉功能。`,
            <DatabaseOutlined style={{ fontSize: 24, color: '#b71c1c' }} />,
          )}
        </Row>
      )}
      <Form form={form} layout="vertical" initialValues={blank} onFinish={submit}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label="乡镇名称" name="townName" rules={[{ required: true, message: '请填写乡镇名称' }]}>
              <Input maxLength={30} placeholder="例如：蒲州镇" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              label="年度"
              name="fiscalYear"
              rules={[{ required: true, message: '请填写年度' }, yearRule('年度')]}
            >
              <YearInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="管理员姓名" name="adminName" rules={[{ required: true, message: '请填写管理员姓名' }]}>
          <Input prefix={<UserOutlined />} maxLength={20} autoFocus />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="管理员密码"
              name="adminPassword"
              rules={[
                { required: true, message: '请设置管理员密码' },
                { min: 6, message: '密码至少6个字符' },
              ]}
            >
              <Input.Password prefix={<LockOutlined />} maxLength={64} autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="再次输入密码"
              name="confirm"
              dependencies={['adminPassword']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !v || v === getFieldValue('adminPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                maxLength={64}
                autoComplete="new-password"
                onPressEnter={submit}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
