import { DatabaseOutlined, FileAddOutlined } from '@ant-design/icons';
import { App as AntApp, Card, Col, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app.ts';
import { call } from '../lib/api.ts';

/** First run: the user chooses an empty ledger or the 蒲州镇 2017 sample. */
export function Onboarding({ onDone }: { onDone: (info: AppInfo) => void }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'empty' | 'demo' | null>(null);
  const choose = async (mode: 'empty' | 'demo') => {
    setBusy(mode);
    try {
      const info = await call('app:onboard', { mode });
      message.success(mode === 'demo' ? '已载入示例数据：蒲州镇2017年小城镇建设项目' : '已创建空白台账');
      onDone(info);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Modal open title="欢迎使用乡镇建设项目台账" footer={null} closable={false} width={640} maskClosable={false}>
      <Typography.Paragraph>首次使用，请选择如何开始。以后可随时新增、修改或删除项目。</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={12}>
          <Card hoverable onClick={() => busy || choose('empty')} aria-label="空白台账" loading={busy === 'empty'}>
            <FileAddOutlined style={{ fontSize: 28, color: '#b71c1c' }} />
            <Typography.Title level={5}>空白台账</Typography.Title>
            <Typography.Text type="secondary">从零开始录入本镇项目，或稍后从 Excel 导入。</Typography.Text>
          </Card>
        </Col>
        <Col span={12}>
          <Card hoverable onClick={() => busy || choose('demo')} aria-label="载入示例数据" loading={busy === 'demo'}>
            <DatabaseOutlined style={{ fontSize: 28, color: '#b71c1c' }} />
            <Typography.Title level={5}>载入示例数据</Typography.Title>
            <Typography.Text type="secondary">蒲州镇2017年小城镇建设：30个项目、领导组、资金构成和1-9月月报，便于熟悉功能。</Typography.Text>
          </Card>
        </Col>
      </Row>
    </Modal>
  );
}
