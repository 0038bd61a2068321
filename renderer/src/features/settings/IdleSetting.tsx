/**
 * 设置 → 自动退出登录 (管理员 only): the minutes a signed-in window may go unused before the core signs it out
 * (electron/core/session-idle.ts). Each operator's next sign-in takes the new value.
 */
import { App as AntApp, Alert, Card, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import { IDLE_MINUTES_MAX, IDLE_MINUTES_MIN } from '../../../../shared/schemas/sign-in.ts';
import { EditButton } from '../../components/EditButton.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery } from '../../lib/use-channel-query.ts';

export function IdleSetting() {
  const { message } = AntApp.useApp();
  const { data, error } = useChannelQuery('security:getIdle', {});
  const [form] = Form.useForm();
  useEffect(() => {
    if (data && !form.isFieldTouched('idleMinutes')) form.setFieldsValue(data);
  }, [data, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('security:saveIdle', v);
      message.success(`已保存：${saved.idleMinutes}分钟未操作自动退出登录`);
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  return (
    <Card title="自动退出登录" size="small" style={{ marginTop: 16 }}>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Form form={form} layout="inline">
        <Form.Item
          label="未操作多长时间后自动退出"
          name="idleMinutes"
          rules={[
            { required: true, message: '请填写自动退出登录时间（分钟）' },
            {
              type: 'integer',
              min: IDLE_MINUTES_MIN,
              max: IDLE_MINUTES_MAX,
              message: `自动退出登录时间须是${IDLE_MINUTES_MIN}至${IDLE_MINUTES_MAX}分钟的整数`,
            },
          ]}
          extra="离开座位忘了退出时，到时间自动回到登录界面；重新登录后回到原来的页面，未保存的内容仍在"
        >
          <InputNumber addonAfter="分钟" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <EditButton type="primary" onClick={save}>
            保存
          </EditButton>
        </Form.Item>
      </Form>
    </Card>
  );
}
